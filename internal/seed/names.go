package seed

// firstNames are the names of synthetic people, from many languages and
// cultures; a few carry letters outside ASCII, as real names do.
var firstNames = []string{
	"Amara", "Kenji", "Sofia", "Mateo", "Aisha", "Liam", "Priya", "Arjun", "Mei", "Wei",
	"Fatima", "Omar", "Chloé", "Lucas", "Ingrid", "Lars", "Nia", "Kwame", "Yara", "Tariq",
	"Elena", "Dmitri", "Hana", "Jun", "Zainab", "Ibrahim", "Camila", "Diego", "Leila", "Reza",
	"Astrid", "Björn", "Chiara", "Luca", "Ayesha", "Farid", "Noor", "Samir", "Ngozi", "Chidi",
	"Ana", "João", "Marisol", "Rafael", "Keiko", "Hiroshi", "Sunita", "Vikram", "Thandiwe", "Sipho",
	"Mariam", "Yusuf", "Emma", "Noah", "Olivia", "Ethan", "Isla", "Finn", "Maja", "Emil",
	"Saoirse", "Cian", "Anika", "Ravi", "Lin", "Jia", "Tomasz", "Zofia", "Ewa", "Piotr",
	"Aroha", "Tane", "Kalani", "Keanu", "Esther", "David", "Miriam", "Eli", "Fiona", "Callum",
	"Rosa", "Pablo", "Amina", "Kofi", "Ama", "Yaw", "Selin", "Emre", "Elif", "Can",
	"Ji-woo", "Min-jun", "Seo-yeon", "Linh", "Minh", "Thảo", "Bao", "Gabriela", "Andrés", "Valentina",
	"Santiago", "Ife", "Tunde", "Zara", "Hamza", "Sana", "Bilal", "Nadia", "Karim", "Oksana",
	"Taras", "Kateryna", "Mykola", "Aino", "Eero", "Sigrid", "Henrik", "Leilani", "Mana", "Sione",
	"Tala", "Mehmet", "Ayşe", "Nikolai", "Anya", "Grace", "Samuel", "Ruth", "Daniel", "Jamal",
	"Keisha", "Andre", "Imani", "Ximena", "Joaquín", "Luz", "Tomás", "Robin", "Jordan", "Kai",
	"River", "Zoë", "Jonas", "Lea", "Malik", "Soraya", "Aditi", "Rohan", "Ayaan", "Meera",
}

// zones are the time zones synthetic people live in: several continents,
// both hemispheres, with and without daylight saving time. None of them
// changes its clocks at midnight, so every day has the local hours the
// generator uses (07:00 to 23:59).
var zones = []string{
	"Europe/London", "Europe/Berlin", "Europe/Madrid", "Europe/Warsaw", "Europe/Helsinki",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
	"America/Sao_Paulo", "America/Mexico_City", "America/Bogota",
	"Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
	"Asia/Kolkata", "Asia/Tokyo", "Asia/Manila", "Asia/Singapore", "Asia/Seoul",
	"Australia/Sydney", "Pacific/Auckland", "UTC",
}

// spaceNames are names couples give their space; "%s" forms take the two names.
var spaceNames = []string{
	"Our space", "Starting again", "Us", "One day at a time", "Home", "The long way back",
	"Rebuilding", "Small steps", "Still here", "Together, slowly", "Our kitchen table", "New chapter",
}
