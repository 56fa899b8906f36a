import ServiceLifecycle
import Storage
import Transport

/// The store writer as a service: a thread of its own drains the journals
/// every `StoreWriter.flushInterval` (back to back while channels outrun it)
/// until the channels have stopped (it is started first, so it stops last),
/// then it writes once more.
struct WriterService: Service {
    let writer: StoreWriter

    func run() async {
        let writer = writer
        let thread = RepeatingThread(name: "store writer", interval: StoreWriter.flushInterval) { writer.flushWhileBusy() }
        try? await gracefulShutdown()
        thread.stop()
        writer.flush()
    }
}
