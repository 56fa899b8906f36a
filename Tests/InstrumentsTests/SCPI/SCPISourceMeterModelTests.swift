import Instruments
import Testing

/// What the driver sends and how it reads replies, per command set.
@Suite struct SCPISourceMeterModelTests {
    @Test(arguments: [
        ("KEITHLEY INSTRUMENTS,MODEL 2450,04412345,1.7.3c", SCPISourceMeterModel.keithley2450),
        ("KEITHLEY INSTRUMENTS INC.,MODEL 2400,1234567,C30", .keithley2400),
        ("KEITHLEY INSTRUMENTS,MODEL 2470,1,1", .keithley2450),
    ])
    func identificationNamesTheCommandSet(reply: String, model: SCPISourceMeterModel) {
        #expect(SCPISourceMeterModel(identification: reply) == model)
    }

    @Test func otherInstrumentsAreNotMistakenForAnSMU() {
        #expect(SCPISourceMeterModel(identification: "Keysight Technologies,B2901A,MY1,1") == nil)
        #expect(SCPISourceMeterModel(identification: "garbage") == nil)
    }

    @Test func errorQueueEntriesParse() {
        #expect(SCPIErrorQueueEntry(parsing: "-113,\"Undefined header\"") == SCPIErrorQueueEntry(code: -113, message: "Undefined header"))
        #expect(SCPIErrorQueueEntry(parsing: "+0,\"No error\"")?.isNoError == true)
        #expect(SCPIErrorQueueEntry(parsing: "no comma here") == nil)
        #expect(SCPIErrorQueueEntry(parsing: "x,\"y\"") == nil)
    }
}
