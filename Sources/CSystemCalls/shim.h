// Linux system calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module
// does not define.
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

// renameat2(RENAME_EXCHANGE): swaps two existing paths atomically. -1 with errno ENOSYS where
// the call does not exist, EINVAL where the file system does not support it.
static inline int decouple_rename_exchange(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}
