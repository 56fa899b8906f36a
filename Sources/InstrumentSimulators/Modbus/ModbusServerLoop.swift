import CModbus
import Instruments
import Transport
#if canImport(Glibc)
import Glibc
#endif

/// The wire thread of a `ModbusSlave`: polls its sockets (or pty), lets
/// libmodbus parse and answer each request, and keeps the register mapping in
/// step with the bench. Everything here runs on that one thread.
final class ModbusServerLoop: @unchecked Sendable {
    private let context: OpaquePointer
    private let listener: Int32?
    private let serial: Int32?
    private let mapping: UnsafeMutablePointer<modbus_mapping_t>
    private let image: ModbusRegisterImage
    private let link: ModbusBenchLink
    private let map: ModbusRegisterMap
    private var clients: [Int32] = []

    struct Listener {
        var context: OpaquePointer
        var socket: Int32
        var port: Int
    }

    /// Binds and listens on `host:port` (0 for any free port).
    static func listen(host: String, port: Int) throws(TransportError) -> Listener {
        let place = "\(host):\(port)"
        guard let context = modbus_new_tcp_pi(host, String(port)) else {
            throw TransportError(.system, address: place, detail: "libmodbus refused the address")
        }
        let socket = modbus_tcp_pi_listen(context, 8)
        guard socket >= 0 else {
            let reason = String(cString: modbus_strerror(errno))
            modbus_free(context)
            throw TransportError(.unavailable, address: place, detail: "cannot listen: \(reason); is the port in use?")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        var actualPort = port
        if bound == 0 {
            actualPort = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        }
        return Listener(context: context, socket: socket, port: actualPort)
    }

    /// Takes ownership of `context` and `listener`, freeing them on failure too.
    init(context: OpaquePointer, listener: Int32?, serial: Int32?, unit: Int, map: ModbusRegisterMap, link: ModbusBenchLink)
        throws(TransportError) {
        self.context = context
        self.listener = listener
        self.serial = serial
        self.map = map
        self.link = link
        image = ModbusRegisterImage(map: map)
        let extent = image.extent
        let holding = extent[.holding] ?? 0..<0
        let input = extent[.input] ?? 0..<0
        guard let mapping = modbus_mapping_new_start_address(0, 0, 0, 0, UInt32(holding.lowerBound), UInt32(holding.count),
                                                             UInt32(input.lowerBound), UInt32(input.count)) else {
            if let listener { close(listener) }
            modbus_free(context)
            throw TransportError(.system, address: "modbus slave", detail: "cannot allocate the register mapping (out of memory)")
        }
        self.mapping = mapping
        modbus_set_slave(context, Int32(unit))
        if let setpoint = map.setpoint, let words = image.setpointWords(link.setpoint) {
            store(words, table: setpoint.table, at: setpoint.register)
        }
    }

    /// Serves until `shouldStop` returns true, then closes everything it opened.
    func run(until shouldStop: () -> Bool) {
        var request = [UInt8](repeating: 0, count: Int(MODBUS_MAX_ADU_LENGTH))
        while !shouldStop() {
            var fds = ([listener, serial].compactMap { $0 } + clients).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), ModbusSlave.pollMilliseconds) > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == listener {
                    let client = accept(entry.fd, nil, nil)
                    if client >= 0 { clients.append(client) }
                } else if entry.fd == serial, entry.revents & Int16(POLLIN) == 0 {
                    // No master has the pty open (POLLHUP): wait for one without spinning.
                    usleep(UInt32(ModbusSlave.pollMilliseconds) * 1000)
                } else {
                    serve(entry.fd, &request)
                }
            }
        }
        for client in clients { close(client) }
        if let listener { close(listener) }
        modbus_mapping_free(mapping)
        modbus_free(context)
    }

    private func serve(_ fd: Int32, _ request: inout [UInt8]) {
        modbus_set_socket(context, fd)
        let length = request.withUnsafeMutableBufferPointer { modbus_receive(context, $0.baseAddress) }
        guard length > 0 else {
            if length < 0, fd != serial {
                close(fd)
                clients.removeAll { $0 == fd }
            } else if length < 0 {
                modbus_flush(context)
            }
            return
        }
        let header = Int(modbus_get_header_length(context))
        let function = request[header]
        if function == 3 || function == 4 { refresh() }
        _ = request.withUnsafeBufferPointer { modbus_reply(context, $0.baseAddress, length, mapping) }
        if function == 6 || function == 16, let setpoint = map.setpoint {
            let start = Int(request[header + 1]) << 8 | Int(request[header + 2])
            let count = function == 6 ? 1 : Int(request[header + 3]) << 8 | Int(request[header + 4])
            if start < setpoint.span.end, setpoint.register < start + count {
                link.write(setpoint: setpoint.value(from: load(setpoint.span)[...]))
            }
        }
    }

    private func refresh() {
        for (table, register, words) in image.words(for: link.snapshot()) {
            store(words, table: table, at: register)
        }
    }

    private func store(_ words: [UInt16], table: ModbusRegisterTable, at register: Int) {
        let (base, start) = registers(table)
        guard let base else { return }
        for (index, word) in words.enumerated() { base[register - start + index] = word }
    }

    private func load(_ span: ModbusSpan) -> [UInt16] {
        let (base, start) = registers(span.table)
        guard let base else { return [] }
        return (0..<span.count).map { base[span.register - start + $0] }
    }

    private func registers(_ table: ModbusRegisterTable) -> (UnsafeMutablePointer<UInt16>?, Int) {
        switch table {
        case .holding: (mapping.pointee.tab_registers, Int(mapping.pointee.start_registers))
        case .input: (mapping.pointee.tab_input_registers, Int(mapping.pointee.start_input_registers))
        }
    }
}
