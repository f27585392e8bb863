/*
 * false - do nothing, unsuccessfully: exit with status 1. Arguments are ignored.
 */
int main(void)
{
	return 1;
}
