// Division code arithmetic (GB/T 2260 + the 12-digit statistical codes): a 12-digit village code
// contains its township (first 9 digits + 000) and its county (first 6 digits).
export const townshipOf = (villageCode: string) => `${villageCode.slice(0, 9)}000`;
export const countyOf = (code: string) => code.slice(0, 6);
