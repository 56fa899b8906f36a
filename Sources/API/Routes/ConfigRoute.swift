import Hummingbird

/// `GET /v1/config` (admin only): the configuration the daemon runs, so a
/// remote admin can see which device and file each channel uses without a
/// shell on the lab box.
struct ConfigRoute {
    let daemon: DaemonView

    func add(to router: some RouterMethods<APIContext>) {
        router.get("config") { _, _ in ConfigView(daemon.configuration) }
    }
}
