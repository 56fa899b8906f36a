import Transport

extension MethodSCRIPTPotentiostat {
    /// The MethodSCRIPT exchanges over one connection (online commands, script
    /// upload, abort), with every failure named after the instrument.
    struct Session: Sendable {
        /// What the device said it is.
        struct Handshake {
            var type: MethodSCRIPTDeviceType
            var identity: InstrumentIdentity
        }

        let connection: SerialConnection
        let instrument: String
        let address: String
        let timeout: Duration

        func failure(_ kind: MethodSCRIPTError.Kind, _ detail: String) -> MethodSCRIPTError {
            MethodSCRIPTError(kind, instrument: instrument, address: address, detail: detail)
        }

        func readLine(timeout: Duration) async throws(MethodSCRIPTError) -> String {
            do {
                return try await connection.readLine(timeout: timeout)
            } catch {
                throw failure(.transport(error.kind), error.detail)
            }
        }

        func send(_ text: String) async throws(MethodSCRIPTError) {
            do {
                try await connection.write(Array(text.utf8), timeout: timeout)
            } catch {
                throw failure(.transport(error.kind), error.detail)
            }
        }

        func decode(_ line: String) throws(MethodSCRIPTError) -> MethodSCRIPTPacket {
            do {
                return try MethodSCRIPTPacket(decoding: line)
            } catch {
                throw failure(.malformedReply, error.description)
            }
        }

        /// Stops a running script. The device answers `Z` and drains its output
        /// up to the empty line that ends the script, or `Z!0006` when none ran;
        /// packets still in flight before the answer are discarded.
        func abort() async throws(MethodSCRIPTError) {
            try await send("Z\n")
            let deadline = ContinuousClock.now + timeout * 3
            var acknowledged = false
            while true {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else {
                    throw failure(.transport(.timeout), "the device kept streaming after Z (abort); expected Z and an empty line")
                }
                let line = try await readLine(timeout: min(remaining, timeout))
                if line.hasPrefix("Z!") { return }
                if line == "Z" {
                    acknowledged = true
                    continue
                }
                if acknowledged, line.isEmpty { return }
                if case .unexpected = MethodSCRIPTReplyLine(line) {
                    throw failure(.malformedReply, "expected Z or Z!0006 in answer to abort, got \"\(line.prefix(60))\"")
                }
            }
        }

        /// Uploads `script` and waits for the device to accept it (`e`).
        func start(_ script: MethodSCRIPTScript) async throws(MethodSCRIPTError) {
            try await send("e\n" + script.text)
            while true {
                let line = try await readLine(timeout: timeout)
                switch MethodSCRIPTReplyLine(line) {
                case .accepted:
                    return
                case .error(let code, let detail):
                    throw failure(.deviceError(code: code), "the device rejected the script with error \(code)\(detail.isEmpty ? "" : ": \(detail)")")
                default:
                    throw failure(.malformedReply, "expected e (script accepted), got \"\(line.prefix(60))\"")
                }
            }
        }

        /// Runs a script without a measurement loop to its end.
        func run(_ script: MethodSCRIPTScript) async throws(MethodSCRIPTError) {
            try await start(script)
            while true {
                let line = try await readLine(timeout: timeout)
                switch MethodSCRIPTReplyLine(line) {
                case .finished: return
                case .error(let code, let detail):
                    throw failure(.deviceError(code: code), "script failed with error \(code)\(detail.isEmpty ? "" : ": \(detail)")")
                case .unexpected(let text):
                    throw failure(.malformedReply, "expected the empty line ending a script, got \"\(text.prefix(60))\"")
                default: continue
                }
            }
        }

        /// Clears stale input, aborts any script, then asks `t` (type and
        /// firmware) and `i` (serial number).
        func handshake() async throws(MethodSCRIPTError) -> Handshake {
            await connection.discardInput()
            try await abort()
            try await send("t\n")
            var reply = try await readLine(timeout: timeout)
            guard reply.hasPrefix("t"), reply.count >= 7 else {
                throw failure(.malformedReply, "expected the version reply to t (\"t\" then a device type such as es4_hr), got \"\(reply.prefix(60))\"")
            }
            let code = String(reply.dropFirst().prefix(6))
            let firmware = String(reply.dropFirst(7))
            // The reply may span lines; its last line ends with "*".
            while !reply.hasSuffix("*") {
                reply = try await readLine(timeout: timeout)
            }
            guard let type = MethodSCRIPTDeviceType(rawValue: code) else {
                throw failure(.unsupportedDevice, "device type \"\(code)\" is not supported; expected one of \(MethodSCRIPTDeviceType.supportedList)")
            }
            try await send("i\n")
            let serialLine = try await readLine(timeout: timeout)
            guard serialLine.hasPrefix("i"), serialLine.count > 1 else {
                throw failure(.malformedReply, "expected the serial number reply to i, got \"\(serialLine.prefix(60))\"")
            }
            let identity = InstrumentIdentity(
                vendor: "PalmSens", model: type.model, serialNumber: String(serialLine.dropFirst()),
                firmware: firmware.trimmingSuffix("*"), address: address)
            return Handshake(type: type, identity: identity)
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
