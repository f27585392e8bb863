/*
 * t_shared.c - what fork() shares and what it copies: MAP_SHARED memory is one memory seen by
 * parent and child; everything else (data, stack, heap, MAP_PRIVATE) is copy-on-write, so a
 * write on either side after the fork stays on that side.
 */
#include <signal.h>
#include <sys/mman.h>

#include "tap.h"

#define PAGE 4096
#define COW_PAGES 64

static int global = 1;				/* .data */
static char bss_pages[COW_PAGES * PAGE];	/* .bss, many pages */

/* Wait for pid; its exit code, or -1 if it did not exit normally. */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_map_shared(void)
{
	volatile int *shm = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				 -1, 0);
	int sync[2];
	char c;

	if (!CHECK(shm != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS") || pipe(sync) < 0)
		return;
	shm[0] = 1;
	pid_t pid = fork();

	if (pid == 0) {
		int seen = shm[0];

		shm[1] = 0x1234;		/* the parent must see this */
		close(sync[0]);
		if (write(sync[1], "x", 1) != 1)
			_exit(3);
		/* wait for the parent's write after the fork */
		for (int i = 0; i < 5000 && shm[2] != 77; i++)
			usleep(1000);
		_exit(seen == 1 && shm[2] == 77 ? 0 : 1);
	}
	close(sync[1]);
	CHECK(read(sync[0], &c, 1) == 1, "child signals it has written");
	CHECK_EQ(shm[1], 0x1234, "the parent sees the child's write to MAP_SHARED memory");
	shm[2] = 77;
	CHECK_EQ(reap(pid), 0, "the child sees the parent's write made after the fork");
	close(sync[0]);
	munmap((void *)shm, PAGE);
}

static void test_cow(void)
{
	int local = 10;
	int *heap = malloc(sizeof(int));
	char *priv = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			  0);
	int go[2], done[2];
	char c;

	if (!heap || priv == MAP_FAILED || pipe(go) < 0 || pipe(done) < 0) {
		CHECK(0, "set up for copy-on-write tests");
		return;
	}
	*heap = 20;
	priv[0] = 30;
	memset(bss_pages, 'p', sizeof(bss_pages));
	pid_t pid = fork();

	if (pid == 0) {
		int bad = 0;

		global = 2;
		local = 11;
		*heap = 21;
		priv[0] = 31;
		memset(bss_pages, 'c', sizeof(bss_pages));
		if (write(done[1], "x", 1) != 1)
			_exit(100);
		/* the parent writes now; none of its writes may show here */
		if (read(go[0], &c, 1) != 1)
			_exit(101);
		bad |= (global != 2) << 0;
		bad |= (local != 11) << 1;
		bad |= (*heap != 21) << 2;
		bad |= (priv[0] != 31) << 3;
		for (size_t i = 0; i < sizeof(bss_pages); i += 512)
			bad |= (bss_pages[i] != 'c') << 4;
		_exit(bad);
	}
	CHECK(read(done[0], &c, 1) == 1, "the child has written its copies");
	CHECK_EQ(global, 1, "child's write to .data is not seen by the parent");
	CHECK_EQ(local, 10, "child's write to the stack is not seen by the parent");
	CHECK_EQ(*heap, 20, "child's write to the heap is not seen by the parent");
	CHECK_EQ(priv[0], 30, "child's write to MAP_PRIVATE memory is not seen by the parent");
	int ok = 1;

	for (size_t i = 0; i < sizeof(bss_pages); i += 512)
		ok &= bss_pages[i] == 'p';
	CHECK(ok, "child's writes to 64 .bss pages are not seen by the parent");
	global = 3;
	local = 12;
	*heap = 22;
	priv[0] = 32;
	memset(bss_pages, 'P', sizeof(bss_pages));
	if (write(go[1], "x", 1) != 1)
		tap_diag("write to go pipe failed");
	int bad = reap(pid);

	CHECK_EQ(bad, 0, "parent's writes after the fork are not seen by the child");
	if (bad > 0)
		tap_diag("child saw parent writes: mask 0x%x", bad);
	CHECK(global == 3 && bss_pages[PAGE] == 'P', "the parent keeps its own writes");
	free(heap);
	munmap(priv, 4 * PAGE);
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

/* A read-only page stays read-only in the child, and copy-on-write does not make it writable. */
static int write_rodata(void *arg)
{
	*(volatile char *)arg = 'x';
	return 0;
}

int main(void)
{
	static const char rodata[] = "constant";

	test_map_shared();
	test_cow();
	tap_killed(tap_run_child(write_rodata, (void *)rodata), SIGSEGV,
		   "writing .rodata in a forked child is still SIGSEGV");
	return tap_done();
}
