import ArgumentParser
import Instruments

/// `cyclerctl instrument identify ADDRESS`.
struct InstrumentIdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Connect, print who the instrument says it is and what it can do, and leave it safe.",
        discussion: "Example: cyclerctl instrument identify methodscript:/dev/ttyACM0?baud=921600"
    )

    @Argument(help: "Instrument address, e.g. methodscript:/dev/ttyACM0 or sim:li-lpscl-li.")
    var address: String

    func run() async throws {
        let address = try InstrumentAddress.argument(address)
        let instruments = try await InstrumentConnector.connect(address, mapPath: nil)
        for instrument in instruments.all {
            let identity = try await instrument.identify()
            print("\(identity.vendor) \(identity.model), serial \(identity.serialNumber), firmware \(identity.firmware) at \(identity.address)")
        }
        if let potentiostat = instruments.potentiostat {
            let c = potentiostat.capabilities
            let modes = [c.potentiostatic ? "potentiostatic" : nil, c.galvanostatic ? "galvanostatic" : nil,
                         c.potentiostaticEIS ? "PEIS" : nil, c.galvanostaticEIS ? "GEIS" : nil].compactMap { $0 }
            print("  modes: \(modes.joined(separator: ", "))")
            print("  current up to ±\(c.maximumCurrent) A, voltage \(c.voltageRange.lowerBound)…\(c.voltageRange.upperBound) V, sampling from \(c.minimumSampleInterval) s")
            if let f = c.frequencyRange { print("  EIS \(f.lowerBound)…\(f.upperBound) Hz") }
            try await potentiostat.enterSafeState()
        }
    }
}
