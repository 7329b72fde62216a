import HTTPTypes

extension HTTPFields {
    /// The value of the field `name` exactly as `self[name]` gives it (the values of a
    /// repeated field joined), found by looking through the fields: `self[name]` first builds
    /// an index of every field name, which on a request's handful of fields costs more than
    /// the look itself (about 4,000 instructions a lookup on the evaluate route).
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
