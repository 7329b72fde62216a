import Testing

@Test func StatuteTestsBuilds() { #expect(Bool(true)) }
