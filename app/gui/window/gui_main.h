// Runs the desktop application: what `xun` with no command does.
#pragma once

namespace xun::gui {

int run_gui(int argc, char** argv);

}  // namespace xun::gui
