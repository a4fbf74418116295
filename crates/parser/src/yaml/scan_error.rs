//! saphyr-parser's error reasons in both of berth's languages.

use crate::message::Message;

/// saphyr's English reason as is, with a French rendering of the reasons people meet in
/// Compose files; other reasons keep the English text inside a French sentence.
pub(crate) fn scan_error_message(reason: &str) -> Message {
    let french = match reason {
        "mapping values are not allowed in this context" => {
            "une valeur de mapping (« clé: valeur ») n'est pas permise à cet endroit ; \
             une valeur contenant « : » doit être entre guillemets"
        }
        "mapping keys are not allowed in this context" => {
            "une clé de mapping n'est pas permise à cet endroit"
        }
        "block sequence entries are not allowed in this context" => {
            "un élément de liste (« - ») n'est pas permis à cet endroit"
        }
        "while parsing a block mapping, did not find expected key" => {
            "clé attendue dans ce mapping : vérifiez l'indentation de cette ligne"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "« - » attendu dans cette liste : vérifiez l'indentation de cette ligne"
        }
        "while parsing a node, did not find expected node content" => {
            "une valeur était attendue ici"
        }
        "while parsing a flow sequence, expected ',' or ']'" => {
            "« , » ou « ] » attendu dans cette liste entre crochets"
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            "« , » ou « } » attendu dans ce mapping entre accolades"
        }
        "while scanning a quoted scalar, found unexpected end of stream" => {
            "fin du fichier atteinte avant le guillemet fermant de cette chaîne"
        }
        "while scanning a quoted scalar, found unexpected document indicator" => {
            "marqueur de document (« --- » ou « ... ») dans une chaîne entre guillemets non fermée"
        }
        "invalid indentation in quoted scalar" => {
            "indentation invalide dans une chaîne entre guillemets (guillemet fermant manquant ?)"
        }
        "while parsing a quoted scalar, found unknown escape character" => {
            "séquence d'échappement inconnue dans une chaîne entre guillemets doubles \
             (utilisez « \\\\ » pour une barre oblique inverse, ou des guillemets simples)"
        }
        "tabs disallowed within this context (block indentation)"
        | "tab cannot be used as indentation"
        | "tabs disallowed in this context" => {
            "tabulation interdite ici : YAML s'indente avec des espaces"
        }
        "while scanning a plain scalar, found a tab" => {
            "tabulation trouvée dans une valeur sans guillemets"
        }
        "invalid indentation" | "invalid indentation in flow construct" => "indentation invalide",
        "wrongly indented line in block scalar" => {
            "ligne mal indentée dans un bloc de texte (« | » ou « > »)"
        }
        "a block scalar content cannot start with a tab" => {
            "le contenu d'un bloc de texte ne peut pas commencer par une tabulation"
        }
        "while parsing node, found unknown anchor" => "alias vers une ancre inconnue",
        "while scanning an anchor or alias, did not find expected alphabetic or numeric character" => {
            "nom d'ancre ou d'alias attendu après « & » ou « * »"
        }
        "did not find expected <document start>" => {
            "début de document (« --- ») attendu : contenu inattendu après la fin du document"
        }
        "invalid content after document end marker" => {
            "contenu invalide après le marqueur de fin de document « ... »"
        }
        "simple key expected" | "simple key expect ':'" => "« : » attendu après cette clé",
        "unexpected end of plain scalar" => "fin inattendue d'une valeur sans guillemets",
        "illegal placement of ':' indicator" => "« : » mal placé",
        "':' must be followed by a valid YAML whitespace" => "« : » doit être suivi d'une espace",
        "'-' must be followed by a valid YAML whitespace" => "« - » doit être suivi d'une espace",
        "misplaced bracket" => "crochet ou accolade mal placé",
        "recursion limit exceeded" => "trop de listes ou de mappings entre crochets imbriqués",
        "unexpected eof" => "fin de fichier inattendue",
        "found unprintable character" => "caractère non imprimable trouvé",
        "the handle wasn't declared" => "préfixe de tag non déclaré",
        "a byte order mark must not appear inside a document" => {
            "une marque d'ordre des octets (BOM) ne peut pas apparaître dans un document"
        }
        "invalid trailing content after double-quoted scalar" => {
            "contenu invalide après une chaîne entre guillemets doubles"
        }
        "comment intercepting the multiline text" => {
            "un commentaire interrompt une valeur sur plusieurs lignes"
        }
        _ => return generic(reason),
    };
    Message::new(reason.to_owned(), french)
}

fn generic(reason: &str) -> Message {
    if let Some(character) = reason
        .strip_prefix("unexpected character: `")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return Message::new(
            reason.to_owned(),
            format!("caractère inattendu : « {character} »"),
        );
    }
    Message::new(
        reason.to_owned(),
        format!("erreur de syntaxe YAML (en anglais : {reason})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_reasons_are_translated_and_others_wrapped() {
        let message = scan_error_message("mapping values are not allowed in this context");
        assert_eq!(message.en, "mapping values are not allowed in this context");
        assert!(message.fr.starts_with("une valeur de mapping"));
        let message = scan_error_message("duplicate version directive");
        assert_eq!(
            message.fr,
            "erreur de syntaxe YAML (en anglais : duplicate version directive)"
        );
        let message = scan_error_message("unexpected character: `@'");
        assert_eq!(message.fr, "caractère inattendu : « @ »");
    }
}
