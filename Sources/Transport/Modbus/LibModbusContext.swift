import CModbus

/// Owns one libmodbus context and frees it with its owner, so an actor
/// holding one needs no deinit of its own (which could not touch a
/// non-Sendable pointer).
final class LibModbusContext {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        modbus_close(pointer)
        modbus_free(pointer)
    }
}
