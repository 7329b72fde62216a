import Testing
@testable import Statute
import StatuteTestSupport

@Suite("Strict JSON reader")
struct JSONReaderTests {
    static func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> {
        JSONReader.parse(Array(text.utf8))
    }

    @Test func readsEveryKindOfValueKeepingMemberOrder() throws {
        let value = try Self.parse(#" {"b": [1, -2, 0], "a": {"x": null, "y": true, "z": false}, "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#).get()
        #expect(value == .object([
            ("b", .array([.int(1), .int(-2), .int(0)])),
            ("a", .object([("x", .null), ("y", .bool(true)), ("z", .bool(false))])),
            ("s", .string("q\"\\/\u{08}\u{0C}\n\r\té😀")),
        ]))
        #expect(value["a"]?["y"] == .bool(true))
        #expect(value["missing"] == nil)
    }

    @Test func integersAtTheEdgesOf64Bits() throws {
        #expect(try Self.parse("9223372036854775807").get() == .int(Int.max))
        #expect(try Self.parse("-9223372036854775808").get() == .int(Int.min))
        guard case .failure(let error) = Self.parse("9223372036854775808") else { Issue.record("accepted"); return }
        #expect(error.code == "invalid-number")
        #expect(error.message.contains("too large for 64 bits"))
    }

    /// Each of these is YAML, JavaScript or a near miss, but not RFC 8259 JSON.
    @Test(arguments: [
        ("{id: 1}", 2, "expected a key in double quotes, found `id`"),
        ("{'id': 1}", 2, "expected a key in double quotes"),
        (#"{"id": 'single'}"#, 8, "double quotes, not single quotes"),
        (#"{"n": 0x1F}"#, 7, "hexadecimal numbers are not allowed"),
        (#"{"n": 012}"#, 7, "cannot start with 0"),
        (#"{"n": +1}"#, 7, "expected a JSON value, found `+`"),
        (#"{"n": NaN}"#, 7, "found `NaN`"),
        (#"{"n": 1} # c"#, 10, "unexpected `#` after the JSON value"),
        (#"{"n": 1,}"#, 9, "a trailing comma is not allowed"),
        (#"[1, 2,]"#, 7, "a trailing comma is not allowed"),
        (#"{"n": 1 "m": 2}"#, 9, "expected `,` or `}`"),
        (#"{"n" 1}"#, 6, "expected `:` after the key `n`"),
        (#"{"n": "a"#, 7, "the string is not closed"),
        (#"{"n": 1"#, 8, "the object is not closed"),
        (#"{"n": "\x"}"#, 8, "unknown escape `\\x`"),
        (#"{"n": "\ud83d"}"#, 8, "a lone surrogate escape"),
        (#"{"n": "\ude00"}"#, 8, "a lone surrogate escape"),
        (#"{"n": "\u12"}"#, 8, "four hexadecimal digits"),
        ("{\"n\": \"a\tb\"}", 9, "control character (U+0009) must be escaped"),
        ("", 1, "found the end of the input"),
        ("   ", 4, "found the end of the input"),
        (#"{"n": tru}"#, 7, "expected a JSON value, found `tru`"),
        (#"{"n": -}"#, 7, "expected a digit after `-`"),
        (#"{"n": 1.}"#, 9, "expected a digit after `.`"),
        (#"{"n": 1e}"#, 9, "expected a digit in the exponent"),
        ("\u{FEFF}{}", 1, "byte order mark"),
    ] as [(String, Int, String)])
    func rejectsWhatIsNotStrictJSON(text: String, column: Int, message: String) {
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("`\(text)` was accepted")
            return
        }
        #expect(error.line == 1)
        #expect(error.column == column, "\(text): \(error)")
        #expect(error.message.contains(message), "\(text): \(error.message)")
    }

    @Test func aDuplicateKeyIsAnErrorAtTheSecondKey() {
        guard case .failure(let error) = Self.parse(#"{"a": 1, "b": {"a": 1, "a": 2}}"#) else { Issue.record("accepted"); return }
        #expect(error.code == "duplicate-key")
        #expect(error.column == 24)
        #expect(error.message == "duplicate key `a`")
    }

    /// RFC 8259 numbers: a whole number is an integer however it is written; any other
    /// number is a fraction, kept as written.
    @Test func everyJSONNumberIsRead() throws {
        let whole: [(String, Int)] = [("20e1", 200), ("1E+2", 100), ("0e1", 0), ("-0", 0), ("-0.0e5", 0), ("1.0", 1),
                                      ("12.50e1", 125), ("1e0", 1), ("100e-2", 1), ("-2.5E1", -25),
                                      ("9223372036854775807e0", Int.max), ("-9.223372036854775808e18", Int.min),
                                      ("0.00000000000000000000000001e26", 1)]
        for (text, value) in whole {
            #expect(try Self.parse(text).get() == .int(value), "\(text)")
        }
        for text in ["1.5", "-0.25", "2E-2", "1.5e0", "1e-400", "123456789012345678901234.5"] {
            #expect(try Self.parse(text).get() == .fraction(text), "\(text)")
        }
        #expect(try Self.parse(#"{"a": [1.5, 2e1]}"#).get().rendered() == #"{"a":[1.5,20]}"#)
        for text in ["1e19", "9223372036854775808.0", "1e1000000000000000000000000", "0.1e1000000", "-9.223372036854775809e18"] {
            guard case .failure(let error) = Self.parse(text) else { Issue.record("`\(text)` accepted"); continue }
            #expect(error.code == "invalid-number", "\(text)")
            #expect(error.message.contains("too large for 64 bits"), "\(text)")
        }
    }

    /// Near misses of the number grammar stay syntax errors.
    @Test func malformedNumbersAreSyntaxErrors() {
        for (text, message) in [("1.", "expected a digit after `.`"), ("1e", "expected a digit in the exponent"),
                                ("1e+", "expected a digit in the exponent"), (".5", "expected a JSON value"),
                                ("1.5.3", "in a number"), ("1e5e3", "in a number"), ("01.5", "cannot start with 0"),
                                ("-", "expected a digit after `-`"), ("+1", "expected a JSON value")] {
            guard case .failure(let error) = Self.parse(text) else { Issue.record("`\(text)` accepted"); continue }
            #expect(error.code == "invalid-json", "\(text)")
            #expect(error.message.contains(message), "\(text): \(error.message)")
        }
    }

    @Test func invalidUTF8IsReportedAtItsColumn() {
        let bytes: [UInt8] = Array(#"{"é": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        guard case .failure(let error) = JSONReader.parse(bytes) else { Issue.record("accepted"); return }
        #expect(error.message == "invalid UTF-8 in a string")
        #expect(error.column == 8)
    }

    @Test func nestingIsLimitedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let error) = Self.parse(deep) else { Issue.record("accepted"); return }
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.column == 65)
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? Self.parse(fine).get()) != nil)
    }

    @Test func linesAreCountedInMultiLineText() {
        guard case .failure(let error) = Self.parse("{\n  \"a\": 1,\n  \"a\": 2\n}") else { Issue.record("accepted"); return }
        #expect(error.line == 3)
        #expect(error.column == 3)
    }

    /// Whatever bytes come in, the reader answers, and what it accepts it renders back
    /// to an equal value.
    @Test func randomBytesNeverCrashAndAcceptedTextRoundTrips() throws {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet = Array(#"{}[]",:0123456789-.eE+ \tntrufalsx\u"#.utf8) + [0xC3, 0xA9, 0xFF, 0x0A]
        var accepted = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 24)
            let bytes = (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if case .success(let value) = JSONReader.parse(bytes) {
                accepted += 1
                #expect(try JSONReader.parse(Array(value.rendered().utf8)).get() == value)
            }
        }
        #expect(accepted > 0)
    }
}

@Suite("Strict JSON reader: hostile sizes")
struct JSONReaderHostileTests {
    /// 100,000 keys in one object: duplicates are still found, in linear time.
    @Test func manyKeysAreCheckedForDuplicatesInLinearTime() {
        let keys = (0..<100_000).map { #""k\#($0)": 1"# }
        let unique = "{" + keys.joined(separator: ",") + "}"
        guard case .success(.object(let members)) = JSONReader.parse(Array(unique.utf8)) else { Issue.record("rejected"); return }
        #expect(members.count == 100_000)
        let duplicated = "{" + keys.joined(separator: ",") + #", "k5": 2}"#
        guard case .failure(let error) = JSONReader.parse(Array(duplicated.utf8)) else { Issue.record("accepted"); return }
        #expect(error.message == "duplicate key `k5`")
    }

    @Test func aHugeStringIsRead() throws {
        let text = String(repeating: "é", count: 300_000)
        #expect(try JSONReader.parse(Array("\"\(text)\"".utf8)).get() == .string(text))
    }
}
