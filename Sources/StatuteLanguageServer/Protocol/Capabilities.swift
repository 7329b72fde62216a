import Statute

/// What the server announces in its answer to `initialize`.
enum Capabilities {
    static var initializeResult: JSON {
        [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "documentSymbolProvider": true,
                "completionProvider": ["triggerCharacters": [".", ":", " ", "[", ","]],
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
                "renameProvider": ["prepareProvider": true],
            ],
            "serverInfo": ["name": "statute", "version": .string(StatuteVersion.release)],
        ]
    }
}
