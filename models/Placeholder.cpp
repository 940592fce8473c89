namespace Bursar::Models {
int placeholder() { return 0; }
}
