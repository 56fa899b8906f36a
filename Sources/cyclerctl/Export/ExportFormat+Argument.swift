import ArgumentParser
import Storage

/// `--format bdf|csv|json`.
extension ExportFormat: ExpressibleByArgument {}
