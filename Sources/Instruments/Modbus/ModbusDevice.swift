import Transport

/// The part every Modbus driver shares: a connection, a register map, and
/// reads that fetch adjacent registers in one request.
///
/// Only registers that touch are merged: reading across a gap can hit an
/// address the device does not implement and earn an "illegal data address".
struct ModbusDevice: Sendable {
    let connection: ModbusConnection
    let map: ModbusRegisterMap
    /// The instrument address text, for errors and identities.
    let address: String

    /// The registers of each span, in the order given.
    func read(_ spans: [ModbusSpan]) async throws(ModbusInstrumentError) -> [ArraySlice<UInt16>] {
        var result = [ArraySlice<UInt16>](repeating: [], count: spans.count)
        for (block, members) in Self.plan(spans) {
            let values: [UInt16]
            do {
                values = try await connection.readRegisters(block.table, at: block.register, count: block.count)
            } catch {
                throw communication(error, doing: "reading \(name(of: block))")
            }
            for index in members {
                let start = spans[index].register - block.register
                result[index] = values[start..<start + spans[index].count]
            }
        }
        return result
    }

    /// Writes `si` into `field`, checking that it fits the register first.
    func write(_ si: Double, to field: ModbusField) async throws(ModbusInstrumentError) {
        guard let registers = field.registers(for: si) else {
            let range = field.representableRange
            throw ModbusInstrumentError(.outOfRange, instrument: map.deviceName, address: address,
                detail: "\(field.name) \(si) (SI) does not fit \(field.type.rawValue) register \(field.register) "
                    + "with scale \(field.scale) \(field.unit); expected \(range.lowerBound)…\(range.upperBound) (SI)")
        }
        do {
            try await connection.writeRegisters(at: field.register, registers)
        } catch {
            throw communication(error, doing: "writing \(field.name) to register \(field.register)")
        }
    }

    /// The requests that fetch `spans`: adjacent or overlapping spans of one
    /// table joined within the read limit, each with the indices of the spans
    /// it carries.
    static func plan(_ spans: [ModbusSpan]) -> [(block: ModbusSpan, members: [Int])] {
        var plan: [(block: ModbusSpan, members: [Int])] = []
        let order = spans.indices.sorted { (spans[$0].table.rawValue, spans[$0].register) < (spans[$1].table.rawValue, spans[$1].register) }
        for index in order {
            let span = spans[index]
            if let last = plan.last?.block, last.table == span.table, span.register <= last.end,
               max(last.end, span.end) - last.register <= ModbusConnection.maximumReadCount {
                plan[plan.count - 1].block.count = max(last.end, span.end) - last.register
                plan[plan.count - 1].members.append(index)
            } else {
                plan.append((span, [index]))
            }
        }
        return plan
    }

    /// Wraps a wire failure with the instrument; the wire error already says
    /// what to check for timeouts and unreachable devices, so only the causes
    /// that live in the map or on the bus get extra advice here.
    func communication(_ error: ModbusError, doing what: String) -> ModbusInstrumentError {
        let advice = switch error.kind {
        case .rejected: "; check the register map \(map.file) against the device's manual"
        case .malformed: "; check for a second master on the line or wrong line settings"
        case .timeout, .unavailable, .disconnected, .system: ""
        }
        return ModbusInstrumentError(.communication, instrument: map.deviceName, address: address,
                                     detail: "\(what) failed: \(error)\(advice)", underlying: error)
    }

    private func name(of span: ModbusSpan) -> String {
        let fields: [(String, ModbusSpan?)] = [(map.measurement.name, map.measurement.span),
                                               ("setpoint", map.setpoint?.span), ("status", map.status?.span)]
        let names = fields.compactMap { name, field in
            field.flatMap { $0.table == span.table && span.register <= $0.register && $0.end <= span.end ? name : nil }
        }
        let what = names.isEmpty ? "registers" : names.joined(separator: " and ")
        return "\(what) (\(span.table) \(span.register), \(span.count) registers)"
    }

    func identity() -> InstrumentIdentity {
        InstrumentIdentity(vendor: map.vendor, model: map.model, serialNumber: "", firmware: "", address: address)
    }
}
