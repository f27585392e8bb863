/*
 * true - do nothing, successfully: exit with status 0. Arguments are ignored.
 */
int main(void)
{
	return 0;
}
