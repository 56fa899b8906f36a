import ServiceLifecycle
import Storage

/// The store writer as a service: it drains the journals until the channels
/// have stopped (it is started first, so it stops last), then writes once more.
struct WriterService: Service {
    let writer: StoreWriter

    func run() async {
        await cancelWhenGracefulShutdown {
            await writer.run()
        }
        writer.flush()
    }
}
