// /levels: skill levels, low to high. Public.
import { http } from './http'

export const listLevels = () => http.get('/levels')
