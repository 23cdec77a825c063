/**
 * Given and family names for generated pupils, drawn from the mix of heritages found in English
 * classrooms (British, Irish, South Asian, African, Caribbean, East and South-East Asian, Eastern
 * European, Middle Eastern, Southern European). Lists written for this project; no real pupil is meant.
 */
export const GIVEN_NAMES: readonly string[] = [
  'Oliver', 'Amelia', 'Noah', 'Isla', 'George', 'Ava', 'Harry', 'Ivy', 'Leo', 'Freya', 'Arthur', 'Florence',
  'Jack', 'Evie', 'Theo', 'Poppy', 'Alfie', 'Rosie', 'Charlie', 'Sophia', 'Freddie', 'Grace', 'Oscar', 'Millie',
  'Mohammed', 'Aisha', 'Yusuf', 'Maryam', 'Ibrahim', 'Zainab', 'Omar', 'Fatima', 'Adam', 'Hafsa', 'Ali', 'Inaya',
  'Arjun', 'Priya', 'Rohan', 'Anaya', 'Vihaan', 'Diya', 'Harjeet', 'Simran', 'Kiran', 'Navdeep', 'Aarav', 'Riya',
  'Kwame', 'Amara', 'Tobi', 'Chioma', 'Emeka', 'Adaeze', 'Kofi', 'Ama', 'Segun', 'Folake', 'Tendai', 'Nia',
  'Jayden', 'Keisha', 'Marcus', 'Shanice', 'Tyrone', 'Jada', 'Dwayne', 'Tia', 'Andre', 'Kiara',
  'Wei', 'Mei', 'Jun', 'Lian', 'Minh', 'Linh', 'Hiroshi', 'Yuki', 'Jin', 'Hana',
  'Jakub', 'Zofia', 'Mateusz', 'Lena', 'Andrei', 'Ioana', 'Lukas', 'Milena', 'Dominik', 'Alicja',
  'Karim', 'Layla', 'Hassan', 'Noor', 'Samir', 'Yasmin', 'Tariq', 'Amira',
  'Luca', 'Giulia', 'Mateo', 'Sofia', 'Diego', 'Lucia', 'Tiago', 'Beatriz',
  'Cian', 'Niamh', 'Rhys', 'Cerys', 'Callum', 'Eilidh', 'Finn', 'Aoife',
];

export const FAMILY_NAMES: readonly string[] = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
  'Hughes', 'Edwards', 'Turner', 'Hill', 'Cooper', 'Ward', 'Harris', 'Martin', 'Moore', 'Parker',
  'Khan', 'Ahmed', 'Hussain', 'Ali', 'Begum', 'Rahman', 'Iqbal', 'Malik', 'Akhtar', 'Mahmood',
  'Patel', 'Singh', 'Kaur', 'Sharma', 'Gill', 'Sandhu', 'Shah', 'Mistry', 'Chauhan', 'Kumar',
  'Okafor', 'Adeyemi', 'Mensah', 'Boateng', 'Okonkwo', 'Nwosu', 'Osei', 'Abdi', 'Mohamed', 'Mwangi',
  'Campbell', 'Francis', 'Bailey', 'Grant', 'Clarke-Lewis', 'Reid', 'Beckford', 'Stewart',
  'Chen', 'Wang', 'Li', 'Nguyen', 'Tran', 'Tanaka', 'Kim', 'Wong',
  'Nowak', 'Kowalski', 'Wiśniewski', 'Popescu', 'Ionescu', 'Kazlauskas', 'Novák', 'Horvat',
  'Haddad', 'Rahimi', 'Karimi', 'Yilmaz', 'Demir', 'Hosseini',
  'Rossi', 'Ferreira', 'Silva', 'García', 'Santos', 'Costa',
  'Murphy', "O'Brien", 'Kelly', 'Byrne', 'MacDonald', 'Lloyd', 'Morgan', 'Fraser',
];
