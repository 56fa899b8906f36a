import CellSimulator
import InstrumentSimulators
import Instruments
import Testing
import Transport

/// The drivers against our own simulated devices over the real wire
/// (loopback TCP and an RTU pseudo-terminal), with the bench's cell behind
/// the registers.
@Suite struct ModbusSimulatorTests {
    enum Wire: String, CaseIterable, Sendable {
        case tcp, rtu

        var slaveWire: ModbusSlave.Wire {
            switch self {
            case .tcp: .tcp(host: "127.0.0.1", port: 0)
            case .rtu: .rtu(baudRate: 19_200)
            }
        }
    }

    static func bench(_ preset: String = "nmc811-lps7-li") throws -> SimulatedBench {
        SimulatedBench(definition: try #require(CellPresets.named(preset)), noise: .none)
    }

    @Test(arguments: Wire.allCases, ["laumas", "flintec"])
    func pressureCellFollowsTheCellThroughTheWire(wire: Wire, mapName: String) async throws {
        let bench = try Self.bench()
        let map = try ModbusFixtures.map(mapName)
        let area = bench.definition.area
        // One count of an integer register, or float32's relative precision.
        func tolerance(_ pascal: Double) -> Double {
            map.measurement.type == .float32 ? 1e-6 * pascal : map.measurement.scale * map.measurement.gain / area
        }
        try await ModbusFixtures.withSlave(map, bench, wire.slaveWire) { slave in
            let cell = try ModbusPressureCell(address: ModbusFixtures.address(slave.address), map: map, area: area)
            let before = try await cell.readMeasurement()
            let truthBefore = try await bench.pressureRig.readPressure()
            #expect(abs(before.pressure - truthBefore) <= tolerance(truthBefore))
            #expect(before.status?.stable == true)

            // Charging below the CCD swells the stack: the transmitter must see it.
            try await bench.potentiostat.apply(.current(0.3e-3, voltageLimits: 0...5))
            try await bench.potentiostat.setSampleInterval(60)
            for _ in 0..<60 { _ = try await bench.potentiostat.nextSample() }
            let after = try await cell.readPressure()
            let truthAfter = try await bench.pressureRig.readPressure()
            #expect(after > before.pressure + 0.1e6, "\(before.pressure) → \(after) Pa")
            #expect(abs(after - truthAfter) <= tolerance(truthAfter))
        }
    }

    @Test(arguments: Wire.allCases, ["eurotherm", "jumo"])
    func temperatureControllerDrivesTheChamber(wire: Wire, mapName: String) async throws {
        let bench = try Self.bench()
        let map = try ModbusFixtures.map(mapName)
        try await ModbusFixtures.withSlave(map, bench, wire.slaveWire) { slave in
            let controller = try ModbusTemperatureController(address: ModbusFixtures.address(slave.address), map: map)
            let start = try await controller.readTemperature()
            #expect(abs(start - bench.definition.temperature) < 1e-3)

            try await controller.setSetpoint(273.15 + 60)
            let state = try await controller.readState()
            #expect(abs(state.setpoint - (273.15 + 60)) < 1e-4)
            #expect(try await controller.isStable(within: 1) == false)
            await bench.equilibrate(temperature: 273.15 + 60)
            #expect(abs(try await controller.readTemperature() - (273.15 + 60)) < 1e-3)
            #expect(try await controller.isStable(within: 1))

            try await controller.enterSafeState()
            #expect(abs(try await controller.readState().setpoint - 298.15) < 1e-4)
        }
    }

    /// A servo press whose controller takes a force setpoint.
    static let servoRig = """
        vendor: cyclerd test
        model: servo press
        force: {register: 0, type: float32, unit: kN}
        setpoint: {register: 2, type: float32, unit: kN}
        status: {register: 4, bits: {stable: 0, over_range: 1}}
        """

    @Test(arguments: Wire.allCases)
    func actuatorSetsTheStackPressure(wire: Wire) async throws {
        let bench = try Self.bench()
        let map = try ModbusRegisterMap(yaml: Self.servoRig, file: "servo.yaml")
        try await ModbusFixtures.withSlave(map, bench, wire.slaveWire) { slave in
            let cell = try ModbusPressureCell(address: ModbusFixtures.address(slave.address), map: map, area: bench.definition.area)
            let rig = try #require(cell.actuator)
            try await rig.setPressure(12e6)
            #expect(abs(try await rig.readSetpoint() - 12e6) < 12e6 * 1e-6)
            #expect(abs(await bench.truth.state.appliedPressure - 12e6) < 12e6 * 1e-6)
            #expect(abs(try await rig.readPressure() - 12e6) < 12e6 * 1e-6)
        }
    }

    @Test func overloadIsAnErrorNotANumber() async throws {
        let bench = try Self.bench()
        // ±327 N full scale: the cell's ~400 N overloads it.
        let map = try ModbusRegisterMap(yaml: """
            vendor: cyclerd test
            model: small load cell
            force: {register: 0, type: int16, scale: 0.01, unit: N}
            status: {register: 1, bits: {over_range: 3, stable: 11}}
            """, file: "small.yaml")
        try await ModbusFixtures.withSlave(map, bench, .tcp(host: "127.0.0.1", port: 0)) { slave in
            let cell = try ModbusPressureCell(address: ModbusFixtures.address(slave.address), map: map, area: bench.definition.area)
            await #expect {
                try await cell.readPressure()
            } throws: { error in
                guard let error = error as? ModbusInstrumentError else { return false }
                return error.code == .overRange && error.instrument == "cyclerd test small load cell"
                    && error.address.hasPrefix(slave.address) && error.detail.contains("over range")
            }
        }
    }

    @Test(arguments: Wire.allCases)
    func anUnmappedRegisterIsAnIllegalAddressNamingTheRegister(wire: Wire) async throws {
        try await ModbusFixtures.withSlave(ModbusFixtures.map("laumas"), Self.bench(), wire.slaveWire) { slave in
            let connection = try ModbusConnection(ModbusFixtures.address(slave.address))
            await #expect {
                try await connection.readRegisters(.holding, at: 0x9000, count: 2)
            } throws: { error in
                guard let error = error as? ModbusError else { return false }
                return error.kind == .rejected && error.exception == .illegalDataAddress && error.unit == 1
                    && error.request.register == 0x9000 && "\(error)".contains("0x9000") && "\(error)".contains("function 3")
            }
            // An exception leaves the connection usable.
            #expect(try await connection.readRegisters(.holding, at: 7, count: 2).count == 2)
        }
    }

    @Test func forceMapsNeedAnArea() throws {
        let map = try ModbusFixtures.map("flintec")
        let connection = ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: 1), unit: 1, timeout: .milliseconds(100))
        #expect {
            try ModbusPressureCell(connection: connection, map: map, address: "modbus+tcp://127.0.0.1:1")
        } throws: { error in
            (error as? ModbusInstrumentError)?.code == .notConfigured && "\(error)".contains("--area")
        }
    }
}
