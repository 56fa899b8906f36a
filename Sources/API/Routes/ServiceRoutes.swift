import CyclerConfiguration
import Foundation
import Hummingbird
import Prometheus
import Scheduler

/// The daemon itself: health, instruments, Prometheus metrics and the API's description.
struct ServiceRoutes {
    let daemon: DaemonView
    let metrics: DaemonMetrics

    public struct Health: ResponseEncodable, Sendable {
        public var status: String
        public var channels: Int
        public var faults: [String]
    }

    func add(to router: some RouterMethods<APIContext>) {
        router.get("v1/health") { _, _ in
            let faults = daemon.channels.filter { $0.status.hasPrefix("fault") }.map { "\($0.name): \($0.status)" }
            return Health(status: faults.isEmpty ? "ok" : "degraded", channels: daemon.channels.count, faults: faults)
        }
        router.get("v1/whoami") { _, context in
            Caller.View(name: context.caller.name, role: context.caller.role)
        }
        router.get("v1/instruments") { _, _ in
            daemon.configuration.instruments.map { instrument in
                let users = daemon.channels.filter { [$0.spec.potentiostat, $0.spec.pressure, $0.spec.thermal].contains(instrument.name) }
                let faults = users.compactMap { channel in channel.status.hasPrefix("fault") ? "\(channel.name): \(channel.status)" : nil }
                return InstrumentView(name: instrument.name, address: instrument.address, map: instrument.map, channels: users.map(\.name),
                                      health: faults.isEmpty ? "ok" : faults.joined(separator: "; "))
            }
        }
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            metrics.registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.data)))
        }
    }
}

/// The API's OpenAPI 3.1 description: `Sources/API/openapi.json`, embedded
/// in the binary at build time so an installed daemon serves it too.
enum OpenAPIDocument {
    static var data: [UInt8] { PackageResources.openapi_json }
}
