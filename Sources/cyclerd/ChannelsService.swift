import Logging
import Scheduler
import ServiceLifecycle

/// Every channel, each in its own task. On graceful shutdown each channel
/// pauses its job with the outputs safe (the job stays marked running, so the
/// next start resumes it) before the writer's last flush.
struct ChannelsService: Service {
    let channels: [Channel]
    let notifier: ServiceManagerNotifier
    let logger: Logger

    func run() async {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for channel in channels {
                    group.addTask { await channel.run() }
                }
                group.addTask { await notifier.keepAlive(status: { statusLine() }) }
            }
        } onGracefulShutdown: {
            notifier.send("STOPPING=1")
            logger.info("stopping: pausing every job with its outputs safe")
            for channel in channels { channel.stop() }
        }
    }

    private func statusLine() -> String {
        channels.map { "\($0.name): \($0.status)" }.joined(separator: "; ")
    }
}
