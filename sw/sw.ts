/// <reference lib="webworker" />
// Service worker entry. Split by job: ./precache (app shell + offline navigation) and
// ./update (updates wait for the user's consent). The sync helper adds its own module here.
import './precache';
import './update';
