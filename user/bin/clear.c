/*
 * clear - clear the terminal: the ANSI sequences "cursor home" and "erase the whole screen",
 * which the VGA console and any serial terminal emulator understand.
 */
#include <unistd.h>

int main(void)
{
	static const char seq[] = "\033[H\033[2J";

	return write(1, seq, sizeof(seq) - 1) == sizeof(seq) - 1 ? 0 : 1;
}
