import Testing
@testable import StatuteYAML
import StatuteCore

/// The YAML core schema, strictly: booleans, integers and nulls of plain scalars only.
@Suite struct ScalarInterpretationTests {
    func scalar(_ value: String, _ style: YAMLScalarStyle = .plain) -> YAMLScalar {
        YAMLScalar(value: value, style: style, text: EmbeddedText(text: value, file: "t", start: SourceLocation(line: 1, column: 1)))
    }

    @Test func integers() {
        #expect(scalar("42").intValue == 42)
        #expect(scalar("-7").intValue == -7)
        #expect(scalar("0x1F").intValue == 31)
        #expect(scalar("0o17").intValue == 15)
        #expect(scalar("0x-5").intValue == nil)
        #expect(scalar("0x+5").intValue == nil)
        #expect(scalar("0o").intValue == nil)
        #expect(scalar("1_000").intValue == nil)
        #expect(scalar("99999999999999999999").intValue == nil)
        #expect(scalar("42", .doubleQuoted).intValue == nil)
    }

    @Test func booleansAreOnlyTrueAndFalse() {
        #expect(scalar("true").boolValue == true)
        #expect(scalar("FALSE").boolValue == false)
        for word in ["yes", "no", "on", "off", "y", "n"] { #expect(scalar(word).boolValue == nil) }
        #expect(scalar("true", .singleQuoted).boolValue == nil)
    }

    @Test func nulls() {
        for word in ["", "~", "null", "Null", "NULL"] { #expect(scalar(word).isNull) }
        #expect(!scalar("null", .doubleQuoted).isNull)
    }
}
