// The simulated engine lives here (issue 3, in progress).
