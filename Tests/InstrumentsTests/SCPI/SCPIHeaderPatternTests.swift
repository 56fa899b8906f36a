@testable import InstrumentSimulators
import Testing

/// SCPI header matching as instrument manuals define it: short or long form, any case, optional nodes.
@Suite struct SCPIHeaderPatternTests {
    let level = SCPIHeaderPattern("SOURce:CURRent[:LEVel][:IMMediate][:AMPLitude]")

    @Test(arguments: ["SOUR:CURR", "source:current:level", "SOUR1:CURR:LEV:IMM:AMPL", "Sour:Curr:Ampl", "SOUR:CURR:IMM"])
    func acceptedForms(header: String) {
        #expect(level.matches(header.split(separator: ":").map(String.init)))
    }

    @Test(arguments: ["SOU:CURR", "SOUR:CURRE", "SOUR:CURR:LEV:LEV", "SOUR:VOLT", "CURR"])
    func rejectedForms(header: String) {
        #expect(!level.matches(header.split(separator: ":").map(String.init)))
    }

    @Test func commandsSplitAtSemicolonsOutsideQuotes() {
        let commands = SCPICommand.parse(":SENS:FUNC \"VOLT;CURR\";:READ? \"defbuffer1\", READ, SOUR\n")
        #expect(commands.count == 2)
        #expect(commands[0].nodes == ["SENS", "FUNC"] && commands[0].parameters == ["\"VOLT;CURR\""])
        #expect(commands[1].isQuery && commands[1].parameters == ["\"defbuffer1\"", "READ", "SOUR"])
        #expect(SCPICommand.parse("*IDN?\n") == [SCPICommand(nodes: ["*IDN"], isQuery: true, parameters: [])])
    }
}
