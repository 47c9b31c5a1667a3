#include "store/workspace.hpp"
