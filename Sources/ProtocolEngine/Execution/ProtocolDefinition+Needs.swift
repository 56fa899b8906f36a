extension ProtocolDefinition {
    /// Which recorded samples the protocol's analyses will read.
    var historyNeeds: JobHistory.Needs {
        var needs = JobHistory.Needs(allSamples: false, cycleSamples: false)
        func visit(_ steps: [Step]) {
            for step in steps {
                switch step.kind {
                case .analyse: needs.allSamples = true
                case .loop(let loop):
                    if loop.countsCycles { needs.cycleSamples = true }
                    visit(loop.steps)
                case .every(let interleave): visit(interleave.steps)
                default: break
                }
            }
        }
        visit(steps)
        return needs
    }
}
