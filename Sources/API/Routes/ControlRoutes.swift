import Foundation
import Hummingbird
import Scheduler
import Storage

/// Operators' requests: submit a job, pause, resume (also to confirm a
/// resume after a fault), stop, skip a step, acknowledge an alarm. Each names
/// the token that asked; the job's log records it. Validation is a viewer's
/// right too (it changes nothing), so it is added with the reading routes.
struct ControlRoutes {
    let daemon: DaemonView

    func addValidation(to router: some RouterMethods<APIContext>) {
        router.post("channels/{channel}/validate") { request, context -> ValidationView in
            let channel = try daemon.channel(try context.parameters.require("channel"))
            let draft = try await draft(request, context)
            do {
                _ = try await blocking { try channel.check(draft) }
                return ValidationView(valid: true, problems: [])
            } catch let refusal as ChannelRefusal {
                return ValidationView(valid: false, problems: refusal.message.split(separator: "\n").map(String.init))
            }
        }
    }

    func add(to router: some RouterMethods<APIContext>) {
        router.post("channels/{channel}/jobs") { request, context -> EditedResponse<JobView> in
            let channel = try daemon.channel(try context.parameters.require("channel"))
            let draft = try await draft(request, context)
            let who = context.caller.name
            let job = try await blocking { try channel.submit(draft, by: who) }
            return EditedResponse(status: .created, response: JobView(job, withText: true))
        }
        router.post("channels/{channel}/pause") { request, context -> AcceptedView in
            let channel = try daemon.channel(try context.parameters.require("channel"))
            let reason = try await reason(request, context, default: "paused from the API")
            try channel.pauseJob(by: context.caller.name, reason: reason)
            return AcceptedView(accepted: true, message: "channel \(channel.name) pauses its job with the outputs safe")
        }
        router.post("channels/{channel}/skip") { request, context -> AcceptedView in
            let channel = try daemon.channel(try context.parameters.require("channel"))
            let reason = try await reason(request, context, default: "skipped from the API")
            try channel.skipStep(by: context.caller.name, reason: reason)
            return AcceptedView(accepted: true, message: "channel \(channel.name) ends its running step")
        }
        addJobRequest(to: router, "resume", done: "resumed from the API", says: "resumes from its checkpoint") { channel, id, who, reason in
            try channel.resumeJob(id, by: who, reason: reason)
        }
        addJobRequest(to: router, "stop", done: "stopped from the API", says: "stops with its outputs safe") { channel, id, who, reason in
            try channel.stopJob(id, by: who, reason: reason)
        }
        router.post("channels/{channel}/alarms/{seq}/acknowledge") { _, context -> AcceptedView in
            let channel = try daemon.channel(try context.parameters.require("channel"))
            let seq = try context.parameters.require("seq", as: Int64.self)
            let who = context.caller.name
            try await blocking { try channel.acknowledgeAlarm(seq: seq, by: who) }
            return AcceptedView(accepted: true, message: "alarm \(seq) on channel \(channel.name) acknowledged by \(who)")
        }
    }

    /// `POST /v1/jobs/{id}/ACTION`: finds the job's channel and asks it, off the cooperative pool.
    private func addJobRequest(to router: some RouterMethods<APIContext>, _ action: String, done fallback: String, says outcome: String,
                               _ ask: @escaping @Sendable (Channel, Int64, String, String) throws -> Void) {
        router.post("jobs/{id}/\(action)") { request, context -> AcceptedView in
            let job = try await daemon.job(try context.parameters.require("id", as: Int64.self))
            let id = job.id ?? 0
            let channel = try daemon.channel(job.channel)
            let reason = try await reason(request, context, default: fallback)
            let who = context.caller.name
            try await blocking { try ask(channel, id, who, reason) }
            return AcceptedView(accepted: true, message: "job \(id) on channel \(channel.name) \(outcome)")
        }
    }

    private func draft(_ request: Request, _ context: APIContext) async throws -> JobDraft {
        let body = try await request.decode(as: JobRequest.self, context: context)
        guard !body.protocol.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("protocol is empty: send the protocol file's text")
        }
        return JobDraft(protocolText: body.protocol, protocolFile: body.protocolFile ?? "protocol from \(context.caller.name)",
                        cellText: body.cell, cellFile: body.cellFile ?? (body.cell == nil ? nil : "cell from \(context.caller.name)"))
    }

    /// The body's reason, or `fallback` when the request has no body.
    private func reason(_ request: Request, _ context: APIContext, default fallback: String) async throws -> String {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return fallback }
        let body = try context.requestDecoder.decode(ControlBody.self, from: Data(buffer.readableBytesView))
        return body.reason ?? fallback
    }
}
