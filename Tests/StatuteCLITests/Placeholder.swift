import Testing

@Test func StatuteCLITestsBuilds() { #expect(Bool(true)) }
