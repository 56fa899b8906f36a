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

    @OptionGroup var modbus: RegisterMapOptions

    func run() async throws {
        let address = try InstrumentAddress.argument(address)
        let instruments = try await InstrumentConnector.connect(address, registerMap: try modbus.choice())
        for instrument in instruments.all {
            let identity = try await instrument.identify()
            // Modbus devices have no identity registers: print what is known.
            let details = [identity.serialNumber.isEmpty ? nil : "serial \(identity.serialNumber)",
                           identity.firmware.isEmpty ? nil : "firmware \(identity.firmware)"].compactMap { $0 }
            print(([("\(identity.vendor) \(identity.model)")] + details).joined(separator: ", ") + " at \(identity.address)")
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
