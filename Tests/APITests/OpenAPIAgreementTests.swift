@testable import API
import CyclerConfiguration
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Testing

/// The checked-in OpenAPI document and the router describe the same API:
/// every route is documented and every documented operation is routed.
struct OpenAPIAgreementTests {
    /// The router's routes as `METHOD /path/{param}`.
    static func routedOperations() throws -> Set<String> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("c.yaml")
        try """
            storage: {path: \(folder.path)/d.sqlite}
            api: {socket: \(folder.path)/s.sock}
            instruments: [{name: b, address: "sim:nmc811-lpscl-liin"}]
            channels: [{name: c, potentiostat: b, cell: Config/cells/nmc811-lpscl-liin-sim.yaml}]
            """.write(to: file, atomically: true, encoding: .utf8)
        let configuration = try DaemonConfiguration.load(contentsOf: file.path)
        let server = APIServer(daemon: DaemonView(store: try Store(path: "\(folder.path)/d.sqlite"), channels: [], configuration: configuration),
                               settings: try #require(configuration.api), logger: Logger(label: "test"))
        return Set(server.router(local: true).routes.map { route in
            let path = route.path.components.map { component in
                let text = "\(component)"
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
    }

    /// The document's operations as `METHOD /path/{param}`.
    static func documentedOperations() throws -> Set<String> {
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.data)) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws {
        let routed = try Self.routedOperations()
        let documented = try Self.documentedOperations()
        #expect(routed.subtracting(documented).isEmpty, "routes missing from openapi.json: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
    }

    @Test func theDocumentIsOpenAPI31() throws {
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.data)) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
    }
}
