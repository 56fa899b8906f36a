import CellSimulator
import InstrumentSimulators
import Instruments
import Testing

/// The simulated SMU's SCPI, without a wire: command set, error queue, readings.
@Suite struct SimulatedSourceMeterTests {
    func meter(_ model: SCPISourceMeterModel) throws -> SimulatedSourceMeter {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        return SimulatedSourceMeter(model: model, bench: bench, timing: .perReading(seconds: 1))
    }

    @Test func shortAndLongFormsInAnyCaseAreTheSameCommand() async throws {
        let smu = try meter(.keithley2450)
        #expect(await smu.execute(":sour:func curr;:SOURce:CURRent:LEVel:IMMediate:AMPLitude 2e-4") == nil)
        #expect(await smu.execute(":SOUR1:CURR?") == "+2.000000E-04")
        #expect(await smu.execute(":SOUR:FUNC?;:SYST:ERR?") == "CURR;0,\"No error\"")
    }

    @Test func unknownHeadersAndBadValuesQueueStandardErrors() async throws {
        let smu = try meter(.keithley2450)
        _ = await smu.execute(":SOUR:WOBBLE 1")
        _ = await smu.execute(":SOUR:CURR:LEV 5")
        _ = await smu.execute(":SOUR:CURR:LEV abc")
        _ = await smu.execute(":OUTP MAYBE")
        _ = await smu.execute(":SOUR:CURR:VLIM")
        #expect(await smu.execute(":SYST:ERR?") == "-113,\"Undefined header\"")
        #expect(await smu.execute(":SYST:ERR?") == "-222,\"Data out of range\"")
        #expect(await smu.execute(":SYST:ERR?") == "-104,\"Data type error\"")
        #expect(await smu.execute(":SYST:ERR?") == "-224,\"Illegal parameter value\"")
        #expect(await smu.execute(":SYST:ERR?") == "-109,\"Missing parameter\"")
        #expect(await smu.execute(":SYST:ERR?") == "0,\"No error\"")
    }

    @Test func errorQueueOverflowEndsInMinus350() async throws {
        let smu = try meter(.keithley2450)
        for _ in 0..<20 { _ = await smu.execute(":NOPE") }
        var codes: [String] = []
        for _ in 0..<11 { codes.append(await smu.execute(":SYST:ERR?") ?? "") }
        #expect(codes.filter { $0.hasPrefix("-113") }.count == 9)
        #expect(codes[9] == "-350,\"Queue overflow\"")
        #expect(codes[10] == "0,\"No error\"")
    }

    @Test func eachModelRefusesTheOthersComplianceCommand() async throws {
        let k2400 = try meter(.keithley2400)
        _ = await k2400.execute(":SOUR:CURR:VLIM 4")
        #expect(await k2400.execute(":SYST:ERR?") == "-113,\"Undefined header\"")
        _ = await k2400.execute(":SENS:VOLT:PROT 4")
        #expect(await k2400.execute(":SYST:ERR?") == "0,\"No error\"")
        let k2450 = try meter(.keithley2450)
        _ = await k2450.execute(":SENS:VOLT:PROT 4")
        #expect(await k2450.execute(":SYST:ERR?") == "-113,\"Undefined header\"")
    }

    @Test func readingsFollowEachModelsFormat() async throws {
        let k2450 = try meter(.keithley2450)
        _ = await k2450.execute(":SOUR:FUNC CURR;:SOUR:CURR:LEV 1e-4;:SOUR:CURR:VLIM 5;:SENS:FUNC \"VOLT\";:OUTP ON")
        let fields = try #require(await k2450.execute(":READ? \"defbuffer1\", READ, SOUR, REL")).split(separator: ",")
        #expect(fields.count == 3 && Double(fields[1]) == 1e-4 && Double(fields[2]) == 1)
        #expect(await k2450.execute(":READ?")?.split(separator: ",").count == 1)

        let k2400 = try meter(.keithley2400)
        _ = await k2400.execute(":FORM:ELEM VOLT,CURR,TIME;:SOUR:FUNC CURR;:SOUR:CURR:LEV -1e-4;:SENS:VOLT:PROT 5;:OUTP ON")
        let reading = try #require(await k2400.execute(":READ?")).split(separator: ",").compactMap { Double($0) }
        #expect(reading.count == 3 && reading[1] == -1e-4 && reading[2] == 1)
    }

    @Test func outputOffLeavesTheCellAtOpenCircuit() async throws {
        let smu = try meter(.keithley2450)
        _ = await smu.execute(":SOUR:FUNC CURR;:SOUR:CURR:LEV 1e-4;:OUTP ON")
        _ = await smu.execute(":OUTP OFF")
        _ = await smu.execute(":SENS:FUNC \"CURR\"")
        let reply = try #require(await smu.execute(":READ?"))
        let current = try #require(Double(reply))
        #expect(current == 0)
        #expect(await smu.execute(":OUTP?") == "0")
    }
}
