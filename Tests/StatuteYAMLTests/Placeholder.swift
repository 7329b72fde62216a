import Testing

@Test func StatuteYAMLTestsBuilds() { #expect(Bool(true)) }
