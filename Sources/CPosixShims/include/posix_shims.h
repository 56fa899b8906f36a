#ifndef CYCLERD_POSIX_SHIMS_H
#define CYCLERD_POSIX_SHIMS_H

/// POSIX calls that glibc hides behind feature macros Swift's Glibc module
/// does not define (posix_openpt and friends need _XOPEN_SOURCE >= 600).

/// Opens a new pseudo-terminal pair in raw mode. Returns the controller fd,
/// or -1 with errno set; writes the device path into `path` (size `size`).
int cyclerd_open_pty(char *path, unsigned long size);

/// glibc's mallopt (declared in malloc.h, which the Glibc module leaves out):
/// blocks of `mmap_threshold` bytes or more get mappings of their own, and
/// at most `arena_max` arenas serve the rest. Returns 1 when both were set.
int cyclerd_set_malloc_policy(int mmap_threshold, int arena_max);

/// pthread_setname_np for the calling thread (a GNU extension the Glibc
/// module leaves out). The kernel keeps the first 15 bytes of `name`.
void cyclerd_name_current_thread(const char *name);

#endif
