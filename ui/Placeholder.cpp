// placeholder until the main window lands
namespace Bursar::Ui {
int placeholder() { return 0; }
}
