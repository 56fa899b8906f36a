import ArgumentParser
import Foundation
import Instruments

/// `cyclerctl instrument read ADDRESS`: one reading, with the output off.
struct InstrumentReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Take one reading (open-circuit voltage, current, pressure, temperature) without driving the cell.",
        discussion: """
        A potentiostat is read at open circuit, so the cell is never driven; \
        afterwards every output is left in its safe state.

        Examples:
          cyclerctl instrument read methodscript:/dev/ttyACM0
          cyclerctl instrument read sim:nmc811-lpscl-liin --json
        """
    )

    @Argument(help: "Instrument address, e.g. methodscript:/dev/ttyACM0 or sim:li-lpscl-li.")
    var address: String

    @Option(help: "Register map file, for Modbus pressure cells and temperature controllers.")
    var map: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    /// The reading, in SI units, as `--json` prints it.
    struct Reading: Codable {
        var address: String
        var voltage_V: Double?
        var current_A: Double?
        var pressure_Pa: Double?
        var temperature_K: Double?
    }

    func run() async throws {
        let address = try InstrumentAddress.argument(address)
        let instruments = try await InstrumentConnector.connect(address, mapPath: map)
        var reading = Reading(address: address.text)
        do {
            if let potentiostat = instruments.potentiostat {
                try await potentiostat.setSampleInterval(max(0.1, potentiostat.capabilities.minimumSampleInterval))
                try await potentiostat.apply(.openCircuit)
                let sample = try await potentiostat.nextSample()
                reading.voltage_V = sample.voltage
                reading.current_A = sample.current
                reading.pressure_Pa = sample.pressure
                reading.temperature_K = sample.temperature
                try await potentiostat.enterSafeState()
            }
            if let sensor = instruments.pressureSensor { reading.pressure_Pa = try await sensor.readPressure() }
            if let thermal = instruments.thermalController { reading.temperature_K = try await thermal.readTemperature() }
        } catch {
            try? await instruments.potentiostat?.enterSafeState()
            throw error
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(reading), as: UTF8.self))
        } else {
            print("address      \(reading.address)")
            if let v = reading.voltage_V { print("voltage      \(v) V") }
            if let i = reading.current_A { print("current      \(i) A") }
            if let p = reading.pressure_Pa { print("pressure     \(p / 1e6) MPa") }
            if let t = reading.temperature_K { print("temperature  \(t - 273.15) °C") }
        }
    }
}
