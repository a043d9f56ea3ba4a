// The dashboard's browser entry. The dashboard issue fills it; until then it only announces itself.
export {};
