import CPosixShims

/// Names the calling thread where `top -H`, `ps -L` and debuggers look: on
/// Linux, Foundation's `Thread.name` stays inside Foundation. The kernel
/// keeps the first 15 bytes.
func nameCurrentThread(_ name: String) {
    cyclerd_name_current_thread(name)
}
