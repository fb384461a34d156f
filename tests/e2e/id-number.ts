/** A made-up but well-formed 18-digit resident ID number (GB 11643 checksum), born `birth`. */
export function fakeIdNumber(birth = '19560312', region = '620421'): string {
  const seq = String(100 + Math.floor(Math.random() * 899));
  const body = `${region}${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0);
  return body + '10X98765432'[sum % 11];
}

export function fakePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}
