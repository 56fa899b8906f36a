import Foundation
import LiveModel
import Testing

@testable import cyclerctl

/// `cyclerctl soc` reads its input with the shared sample reader.
@Suite struct SOCSamplesTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("soc-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func columnsAreFoundByNameInAnyOrderWithTheirUnits() throws {
        let path = try Self.file("time_s,voltage_V,current_A,pressure_Pa,temperature_degC\r\n0,3.1,0,30e6,25\r\n1,3.2,0.001,,25\r\n")
        let rows = try SOCSamples.read(path: path)
        #expect(rows == [Measurement(time: 0, current: 0, voltage: 3.1, pressure: 30e6, temperature: 298.15),
                         Measurement(time: 1, current: 0.001, voltage: 3.2, pressure: nil, temperature: 298.15)])
    }

    /// `cyclerctl run` writes kelvin and other cyclers write mA; neither is dropped or taken as SI.
    @Test func unitsComeFromTheHeader() throws {
        let rows = try SOCSamples.read(path: try Self.file("time/s,Ewe/V,<I>/mA,temperature_K\n0,3.1,2,300\n"))
        #expect(rows.count == 1 && abs(rows[0].current - 0.002) < 1e-15 && rows[0].temperature == 300)
    }

    @Test(arguments: [("time_s,current_A\n0,0\n", "no voltage column"),
                      ("time_s,current_A,voltage_V\n5,0,3\n4,0,3\n", ":3:1: time goes back"),
                      ("time_s,current_A,voltage_V\n0,0,abc\n", ":2:")])
    func aBadFileIsLocated(text: String, mention: String) throws {
        let path = try Self.file(text)
        #expect { try SOCSamples.read(path: path) } throws: { error in
            let description = (error as? SOCInputError)?.description ?? ""
            return description.hasPrefix(path) && description.contains(mention)
        }
    }

    @Test func cyclesAreNumberedFromOneAsRunNumbersThem() {
        #expect(SOCCommand.cycleNumber(completed: 0) == 1)
        #expect(SOCCommand.cycleNumber(completed: 2) == 3)
    }
}
