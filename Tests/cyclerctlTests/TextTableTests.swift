import Testing

@testable import cyclerctl

@Suite("Text tables")
struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCell() {
        let table = TextTable.render([["cycle", "CE (%)"], ["1", "99.97"], ["10", "100"]])
        #expect(table == """
            cycle  CE (%)
            1      99.97
            10     100
            """)
    }
}
