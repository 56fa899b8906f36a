import API
import ArgumentParser
import Foundation

/// `cyclerctl token create|list|revoke`: tokens for the daemon's TCP listener
/// (on the local socket, which trusts its group).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the bearer tokens remote clients use.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token; its secret is printed once (the daemon keeps only its hash).",
            discussion: """
            Examples:
              cyclerctl token create alice-laptop --role viewer
              export CYCLERD_TOKEN=$(cyclerctl token create grafana --role viewer --quiet)
            """
        )
        @Argument(help: "A name for the token (who or what uses it).") var name: String
        @Option(help: "viewer (reads), operator (also controls jobs) or admin (also manages tokens).") var role: Role
        @Flag(help: "Print the secret alone.") var quiet = false
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            let token = try await ClientCommand.perform {
                try await daemon.client().post("/v1/tokens", TokenRequest(name: name, role: role), as: TokenView.self)
            }
            if quiet {
                print(token.token ?? "")
            } else {
                print("token \(token.name) (\(token.role.rawValue)): \(token.token ?? "")\nIt is shown this once; send it as Authorization: Bearer … or pass it with --token.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (names and roles; secrets are not kept).")
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            let tokens = try await ClientCommand.perform { try await daemon.client().get("/v1/tokens", as: [TokenView].self) }
            let rows = tokens.map { [$0.name, $0.role.rawValue, Date(timeIntervalSince1970: $0.createdAt).formatted(.iso8601)] }
            print(TextTable.render([["NAME", "ROLE", "CREATED"]] + rows))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")
        @Argument(help: "The token's name.") var name: String
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            try await ClientCommand.perform { _ = try await daemon.client().delete("/v1/tokens/\(name)") }
            print("token \(name) revoked")
        }
    }
}

extension Role: ExpressibleByArgument {}
