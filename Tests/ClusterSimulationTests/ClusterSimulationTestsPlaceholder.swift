// Tests of the simulated engine (issue 3) are written here.
