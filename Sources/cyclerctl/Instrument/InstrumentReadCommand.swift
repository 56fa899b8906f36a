import ArgumentParser
import Electrochemistry
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
          cyclerctl instrument read modbus+tcp://127.0.0.1:1502 --map laumas --area 0.785cm2
        """
    )

    @Argument(help: "Instrument address, e.g. methodscript:/dev/ttyACM0 or sim:li-lpscl-li.")
    var address: String

    @OptionGroup var modbus: RegisterMapOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    /// The reading, as `--json` prints it: SI, with the temperature in °C as
    /// in every file the tools write (keys carry the unit).
    struct Reading: Encodable {
        var address: String
        var voltage: Double?
        var current: Double?
        var pressure: Double?
        /// K.
        var temperature: Double?

        enum CodingKeys: String, CodingKey {
            case address
            case voltage = "voltage_V", current = "current_A", pressure = "pressure_Pa", temperature = "temperature_degC"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encodeIfPresent(voltage, forKey: .voltage)
            try container.encodeIfPresent(current, forKey: .current)
            try container.encodeIfPresent(pressure, forKey: .pressure)
            try container.encodeIfPresent(temperature.map { ($0 - 273.15).withoutConversionNoise }, forKey: .temperature)
        }
    }

    func run() async throws {
        let address = try InstrumentAddress.argument(address)
        let instruments = try await InstrumentConnector.connect(address, registerMap: try modbus.choice())
        var reading = Reading(address: address.text)
        do {
            if let potentiostat = instruments.potentiostat {
                try await potentiostat.setSampleInterval(max(0.1, potentiostat.capabilities.minimumSampleInterval))
                try await potentiostat.apply(.openCircuit)
                let sample = try await potentiostat.nextSample()
                reading.voltage = sample.voltage
                reading.current = sample.current
                reading.pressure = sample.pressure
                reading.temperature = sample.temperature
                try await potentiostat.enterSafeState()
            }
            if let sensor = instruments.pressureSensor { reading.pressure = try await sensor.readPressure() }
            if let thermal = instruments.thermalController { reading.temperature = try await thermal.readTemperature() }
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
            if let v = reading.voltage { print("voltage      \(lab(v, .voltage, 6))") }
            if let i = reading.current { print("current      \(lab(i, .current))") }
            if let p = reading.pressure { print("pressure     \(lab(p, .pressure))") }
            if let t = reading.temperature { print("temperature  \(lab(t, .temperature, 4))") }
        }
    }
}
