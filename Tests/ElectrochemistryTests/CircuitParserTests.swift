import Testing
@testable import Electrochemistry

@Suite("Circuit grammar")
struct CircuitParserTests {
    static let corpus = [
        "R0",
        "R0-p(R1,CPE1)",
        "R0-p(R1,CPE1)-p(R2,CPE2)",
        "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1",
        "L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1",
        "p(R1,p(R2,C2)-R3)",
        "p(R1-Ws1,CPE1)",
        "R0-TLMQ1",
        "R_bulk-TLM1",
        "p(R1,C1,L1)",
    ]

    @Test("canonical text parses back to an equal circuit", arguments: corpus)
    func roundTrip(text: String) throws {
        let circuit = try Circuit(text)
        #expect(circuit.description == text)
        let reparsed = try Circuit(circuit.description)
        #expect(reparsed == circuit)
        #expect(reparsed.parameterNames == circuit.parameterNames)
    }

    @Test("spaces are ignored and dropped from the canonical text")
    func spaces() throws {
        let circuit = try Circuit(" R0 - p( R1 , C1 ) ")
        #expect(circuit.description == "R0-p(R1,C1)")
        #expect(!circuit.description.contains(" "))
        #expect(try Circuit(circuit.description) == circuit)
        #expect(circuit == (try Circuit("R0-p(R1,C1)")))
    }

    @Test("parameter names follow impedance.py", arguments: [
        ("R0", ["R0"]),
        ("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1",
         ["R0", "R1", "CPE1_0", "CPE1_1", "R2", "CPE2_0", "CPE2_1", "Wo1_0", "Wo1_1"]),
        ("L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1",
         ["L0", "R0", "R1", "CPE1_0", "CPE1_1", "R2", "CPE2_0", "CPE2_1", "W1"]),
        ("p(R1-Ws1,CPE1)", ["R1", "Ws1_0", "Ws1_1", "CPE1_0", "CPE1_1"]),
        ("R0-TLMQ1", ["R0", "TLMQ1_0", "TLMQ1_1", "TLMQ1_2"]),
        ("R_bulk-TLM1", ["R_bulk", "TLM1_0", "TLM1_1"]),
    ])
    func parameterNames(text: String, names: [String]) throws {
        let circuit = try Circuit(text)
        #expect(circuit.parameterNames == names)
        #expect(circuit.parameterCount == names.count)
        #expect(circuit.parameterInfo.count == names.count)
    }

    @Test("element kinds and parameter offsets follow the text order")
    func elements() throws {
        let circuit = try Circuit("L0-R0-p(R1,CPE1)-Wo1-TLMQ2")
        #expect(circuit.elements.map(\.name) == ["L0", "R0", "R1", "CPE1", "Wo1", "TLMQ2"])
        #expect(circuit.elements.map(\.kind) == [.inductor, .resistor, .resistor, .cpe, .warburgOpen, .transmissionLineCPE])
        #expect(circuit.elements.map(\.parameterOffset) == [0, 1, 2, 3, 5, 7])
        #expect(circuit.parameterCount == 10)
    }

    @Test("nested groups build the expected tree")
    func nestedTree() throws {
        let circuit = try Circuit("p(R1,p(R2,C2)-R3)")
        let r1 = Circuit.Element(name: "R1", kind: .resistor, parameterOffset: 0)
        let r2 = Circuit.Element(name: "R2", kind: .resistor, parameterOffset: 1)
        let c2 = Circuit.Element(name: "C2", kind: .capacitor, parameterOffset: 2)
        let r3 = Circuit.Element(name: "R3", kind: .resistor, parameterOffset: 3)
        #expect(circuit.root == .parallel([
            .element(r1),
            .series([.parallel([.element(r2), .element(c2)]), .element(r3)]),
        ]))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var text: String
        var code: CircuitParseError.Code
        var column: Int
        /// A phrase of the message that tells the user what is valid.
        var hint: String
        var testDescription: String { "\"\(text)\"" }
    }

    static let badCases = [
        BadCase(text: "", code: .empty, column: 1, hint: "e.g. R0-p(R1,CPE1)"),
        BadCase(text: "R0-", code: .unexpectedEnd, column: 4, hint: "an element or p(...) is expected"),
        BadCase(text: "R0--R1", code: .unexpectedCharacter, column: 4, hint: "expected an element such as R0"),
        BadCase(text: "p(R1)", code: .parallelNeedsTwoBranches, column: 1, hint: "at least two branches"),
        BadCase(text: "p(R1,C1", code: .unexpectedEnd, column: 8, hint: "add ')'"),
        BadCase(text: "p R1", code: .unexpectedCharacter, column: 3, hint: "followed by '('"),
        BadCase(text: "R0-X1", code: .unknownElement, column: 4, hint: "R, C, L, CPE, W, Wo, Ws, TLM, TLMQ"),
        BadCase(text: "Rb0", code: .unknownElement, column: 1, hint: "e.g. R0 or CPE1"),
        BadCase(text: "R0-R0", code: .duplicateName, column: 4, hint: "give each element its own number"),
        BadCase(text: "R0)", code: .unexpectedCharacter, column: 3, hint: "joined by '-'"),
        BadCase(text: "R0-p(R1,,C1)", code: .unexpectedCharacter, column: 9, hint: "expected an element"),
        BadCase(text: "3R0", code: .unexpectedCharacter, column: 1, hint: "expected an element"),
        BadCase(text: "R0-Ω1", code: .unexpectedCharacter, column: 4, hint: "not ASCII"),
        BadCase(text: "R0-p(R1,CPÉ1)", code: .unexpectedCharacter, column: 11, hint: "not ASCII"),
        BadCase(text: "R0 R1", code: .unexpectedCharacter, column: 4, hint: "joined by '-'"),
        BadCase(text: "p(R1;C1)", code: .unexpectedCharacter, column: 5, hint: "separate branches with ','"),
    ]

    @Test("bad strings give a located error", arguments: badCases)
    func badString(_ bad: BadCase) throws {
        let error = try #require(throws: CircuitParseError.self) { try Circuit(bad.text) }
        #expect(error.code == bad.code)
        #expect(error.column == bad.column)
        #expect(error.text == bad.text)
        #expect(error.message.contains(bad.hint), "message: \(error.message)")
    }

    @Test("the description points a caret at the column")
    func caret() throws {
        let error = try #require(throws: CircuitParseError.self) { try Circuit("R0-X1") }
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("circuit \"R0-X1\", column 4: unknown element 'X1'"))
        #expect(lines[1] == "  R0-X1")
        #expect(lines[2] == "     ^")
    }
}
